-- Each channel's position: the id of its newest message. A message is inserted with its
-- channel's row locked and the position moved in the same transaction, so within a channel
-- ids grow in commit order, and a node that knows a position can read what it missed.
alter table channels add column last_message_id bigint default 0 not null;
update channels
   set last_message_id = coalesce((select max(m.id) from messages m where m.channel_id = channels.id), 0);
