-- A client id names one message of its sender in its channel: the database itself refuses a
-- second one. Older duplicates (a resend stored twice) keep their text but lose the client id,
-- so that the first of them is the one a resend finds.
update messages set client_id = null
 where client_id is not null
   and id > (select min(m2.id) from messages m2
              where m2.channel_id = messages.channel_id
                and m2.user_key = messages.user_key
                and m2.client_id = messages.client_id);
drop index messages_client;
create unique index messages_client on messages (channel_id, user_key, client_id);
