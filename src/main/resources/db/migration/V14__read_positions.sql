-- Each login's read position in each channel it reads: the id of the newest message it has
-- read there. A public channel's row is made at the login's first join (at the channel's
-- newest message); a direct conversation without a row is read up to 0.
create table read_positions (
    login_id     varchar(64) not null,
    channel_id   bigint      not null references channels (id),
    last_read_id bigint      not null,
    primary key (login_id, channel_id)
);
