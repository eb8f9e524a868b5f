-- Direct conversations: a channel of exactly two logins. Its row says it is direct (so it is
-- never listed with the public channels); its two members are its logins; the pair of login
-- ids names it once, so two nodes opening it at the same moment make one.
alter table channels add column direct boolean default false not null;
create table direct_members (
    channel_id bigint        not null references channels (id),
    login_id   varchar(64)   not null,
    user_key   varchar(1024) not null,
    user_name  varchar(1024) not null,
    primary key (channel_id, login_id)
);
create index direct_members_login on direct_members (login_id);
create table direct_pairs (
    pair       varchar(200) primary key,
    channel_id bigint       not null references channels (id)
);
