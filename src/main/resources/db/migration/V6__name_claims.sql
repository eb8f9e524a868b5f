-- The confusable skeletons (UTS #39) of the names in use, so that the database, which every
-- node shares, refuses a look-alike of a name in use as it refuses the name itself. Each
-- skeleton names the name key that claims it; a name claims its skeletons in the
-- transaction that stores it.
create table user_claims (
    skeleton varchar(4096) primary key,
    name_key varchar(1024) not null
);
create index user_claims_key on user_claims (name_key);

create table channel_claims (
    skeleton varchar(4096) primary key,
    name_key varchar(1024) not null
);
