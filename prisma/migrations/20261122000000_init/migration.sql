-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('saksbehandler', 'arkivet', 'prosessradgiver', 'fagspesialist', 'leverandorkontakt', 'systemadministrator', 'toppgodkjenner', 'arkivansvarlig');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('nb', 'nn', 'en');

-- CreateTable
CREATE TABLE "person" (
    "id" UUID NOT NULL,
    "aad_object_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "locale" "Locale",
    "chosen_locale" "Locale",
    "unit_id" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parent_id" UUID,
    "leader_id" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit_deputy" (
    "unit_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "rank" INTEGER NOT NULL,

    CONSTRAINT "unit_deputy_pkey" PRIMARY KEY ("unit_id","person_id")
);

-- CreateTable
CREATE TABLE "subject_area" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subject_area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_assignment" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "unit_id" UUID,
    "subject_area_id" UUID,

    CONSTRAINT "role_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_reference" (
    "conversation_id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "aad_object_id" TEXT,
    "tenant_id" TEXT,
    "service_url" TEXT NOT NULL,
    "reference" JSONB NOT NULL,
    "unreachable_at" TIMESTAMPTZ(3),
    "welcomed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversation_reference_pkey" PRIMARY KEY ("conversation_id")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "person_aad_object_id_key" ON "person"("aad_object_id");

-- CreateIndex
CREATE UNIQUE INDEX "person_email_key" ON "person"("email");

-- CreateIndex
CREATE UNIQUE INDEX "unit_code_key" ON "unit"("code");

-- CreateIndex
CREATE UNIQUE INDEX "subject_area_code_key" ON "subject_area"("code");

-- CreateIndex
CREATE INDEX "role_assignment_person_id_idx" ON "role_assignment"("person_id");

-- CreateIndex
CREATE INDEX "role_assignment_role_subject_area_id_idx" ON "role_assignment"("role", "subject_area_id");

-- CreateIndex
CREATE INDEX "conversation_reference_aad_object_id_scope_idx" ON "conversation_reference"("aad_object_id", "scope");

-- CreateIndex
CREATE INDEX "audit_entry_entity_entity_id_idx" ON "audit_entry"("entity", "entity_id");

-- AddForeignKey
ALTER TABLE "person" ADD CONSTRAINT "person_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit" ADD CONSTRAINT "unit_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit" ADD CONSTRAINT "unit_leader_id_fkey" FOREIGN KEY ("leader_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_deputy" ADD CONSTRAINT "unit_deputy_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_deputy" ADD CONSTRAINT "unit_deputy_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_subject_area_id_fkey" FOREIGN KEY ("subject_area_id") REFERENCES "subject_area"("id") ON DELETE CASCADE ON UPDATE CASCADE;

