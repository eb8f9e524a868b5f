-- The upload sweeper asks, for each old upload, whether a message shows it.
create index messages_image on messages (image);
