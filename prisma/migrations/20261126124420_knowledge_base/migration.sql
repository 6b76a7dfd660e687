-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- Markdown (as the article files and cards use it) to plain text, for the search column and the
-- extracts on the self-help card: [text](url) → text, no list markers, no emphasis markers (one
-- or two * or _ at the edge of a word; snake_case and 2*3 stay). A run of three stars is text:
-- *** is the write-off code for a preliminary reply. IMMUTABLE so that a generated column may
-- use it; PostgreSQL's regular expressions have had lookbehind since 9.6.
CREATE FUNCTION "knowledge_plain_text"(markdown TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    markdown,
    '\[([^]]*)\]\([^)]*\)', '\1', 'g'),
    '^[ \t]*([-+]|[*](?![*])|[0-9]+[.)])[ \t]+', '', 'gn'),
    '(?<![[:alnum:]*_])[*_]{1,2}(?![*_[:space:]])|(?<![*_[:space:]])[*_]{1,2}(?![[:alnum:]*_])', '', 'g'),
    '\s+', ' ', 'g'))
$$;

-- array_to_string is only STABLE (for arrays of any type); for text[] it is immutable.
CREATE FUNCTION "knowledge_tags_text"(tags TEXT[]) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_string(tags, ' '), '')
$$;

-- CreateEnum
CREATE TYPE "KnowledgeSource" AS ENUM ('manual', 'henvendelse', 'sporretime', 'import');

-- CreateEnum
CREATE TYPE "SelfHelpOutcome" AS ENUM ('solved', 'needs_help');

-- CreateTable
CREATE TABLE "knowledge_article" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "lang" "Locale" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "subject_area_id" UUID,
    "owning_unit_id" UUID,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "source" "KnowledgeSource" NOT NULL DEFAULT 'manual',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "retired_at" TIMESTAMPTZ(3),
    "view_count" INTEGER NOT NULL DEFAULT 0,
    "helped_count" INTEGER NOT NULL DEFAULT 0,
    -- Title weight A, tags B, body C; norwegian stemming for nb and nn, english for en. Each
    -- branch names its configuration as a constant: a generated column must be immutable.
    "search" tsvector GENERATED ALWAYS AS (
      CASE "lang"
        WHEN 'en' THEN
          setweight(to_tsvector('english', "title"), 'A') ||
          setweight(to_tsvector('english', "knowledge_tags_text"("tags")), 'B') ||
          setweight(to_tsvector('english', "knowledge_plain_text"("body")), 'C')
        ELSE
          setweight(to_tsvector('norwegian', "title"), 'A') ||
          setweight(to_tsvector('norwegian', "knowledge_tags_text"("tags")), 'B') ||
          setweight(to_tsvector('norwegian', "knowledge_plain_text"("body")), 'C')
      END
    ) STORED,

    CONSTRAINT "knowledge_article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "knowledge_word" (
    "word" TEXT NOT NULL,
    "documents" INTEGER NOT NULL,

    CONSTRAINT "knowledge_word_pkey" PRIMARY KEY ("word")
);

-- CreateTable
CREATE TABLE "self_help_query" (
    "id" UUID NOT NULL,
    "aad_object_id" TEXT NOT NULL,
    "person_id" UUID,
    "lang" "Locale" NOT NULL,
    "question" TEXT NOT NULL,
    "article_ids" UUID[],
    "opened_article_id" UUID,
    "outcome" "SelfHelpOutcome",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "self_help_query_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "knowledge_article_search_idx" ON "knowledge_article" USING GIN ("search");

-- CreateIndex
CREATE INDEX "knowledge_article_title_trgm_idx" ON "knowledge_article" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "knowledge_article_slug_lang_key" ON "knowledge_article"("slug", "lang");

-- CreateIndex
CREATE INDEX "knowledge_word_trgm_idx" ON "knowledge_word" USING GIN ("word" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "knowledge_article" ADD CONSTRAINT "knowledge_article_subject_area_id_fkey" FOREIGN KEY ("subject_area_id") REFERENCES "subject_area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article" ADD CONSTRAINT "knowledge_article_owning_unit_id_fkey" FOREIGN KEY ("owning_unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article" ADD CONSTRAINT "knowledge_article_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "self_help_query" ADD CONSTRAINT "self_help_query_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

