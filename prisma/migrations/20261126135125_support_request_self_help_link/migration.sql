-- AddForeignKey
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_self_help_query_id_fkey" FOREIGN KEY ("self_help_query_id") REFERENCES "self_help_query"("id") ON DELETE SET NULL ON UPDATE CASCADE;

