CREATE TABLE "progress_stamps" (
	"scope" varchar(5) PRIMARY KEY NOT NULL,
	"stamp" bigint NOT NULL
);
