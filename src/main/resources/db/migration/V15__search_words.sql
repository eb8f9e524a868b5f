-- Search: the distinct words of a message's text (SearchQuery.wordsOf), normalised, each
-- followed and preceded by a space (' deploy friday '), so that H2 finds a word with LIKE
-- '% deploy %' and a prefix with LIKE '% depl%'; null when the text has none and for a deleted
-- message, which is never found. A word longer than 2000 UTF-8 bytes keeps its first 2000
-- (MessageSearch). V16 fills it in for the messages stored before and gives PostgreSQL its
-- full-text index over it.
alter table messages add column search_words varchar(1000000);
