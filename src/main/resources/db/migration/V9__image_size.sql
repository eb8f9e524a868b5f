-- The size in pixels of a message's image, so that pages reserve its box before it loads
-- (null without an image). V10 fills it in for the images stored before.
alter table messages add column image_width integer;
alter table messages add column image_height integer;
