-- AlterTable
ALTER TABLE "knowledge_article" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "qa_question" ADD COLUMN     "article_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "qa_question_article_id_key" ON "qa_question"("article_id");

-- AddForeignKey
ALTER TABLE "qa_question" ADD CONSTRAINT "qa_question_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "knowledge_article"("id") ON DELETE SET NULL ON UPDATE CASCADE;

