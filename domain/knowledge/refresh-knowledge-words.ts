import { type DbClient, sql } from '../db.js';

/**
 * Rebuilds the vocabulary of the live articles (`knowledge_word`): every word of their titles,
 * tags and bodies, lower case and unstemmed, that a misspelt query word can be corrected to
 * (search-knowledge.ts). Called in the transaction of every change to the articles. Words of
 * letters only (and hyphens): numbers and codes are not worth correcting to.
 */
export async function refreshKnowledgeWords(db: DbClient): Promise<void> {
  await sql(db).run`DELETE FROM knowledge_word`;
  await sql(db).run`
    INSERT INTO knowledge_word (word, documents)
    SELECT word, ndoc FROM ts_stat($$
      SELECT to_tsvector('simple', title || ' ' || knowledge_tags_text(tags) || ' ' || knowledge_plain_text(body))
        FROM knowledge_article WHERE retired_at IS NULL
    $$)
    WHERE length(word) >= 3 AND word ~ '^[[:alpha:]][[:alpha:]-]*$'`;
}
