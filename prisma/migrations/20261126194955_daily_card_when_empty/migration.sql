-- AlterTable
ALTER TABLE "person" ADD COLUMN     "daily_card_when_empty" BOOLEAN NOT NULL DEFAULT false;

