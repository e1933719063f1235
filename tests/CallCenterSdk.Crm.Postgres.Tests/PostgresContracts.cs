using CallCenterSdk.Crm.Tests.Contract;

namespace CallCenterSdk.Crm.Postgres.Tests;

// The contract suite bound to the PostgreSQL store (one throw-away server for all of them).
[Collection("postgres")]
public sealed class PostgresCustomerDirectoryContract(PostgresFixture f) : CustomerDirectoryContract(f);

[Collection("postgres")]
public sealed class PostgresCustomerImportContract(PostgresFixture f) : CustomerImportContract(f);

[Collection("postgres")]
public sealed class PostgresCdrStoreContract(PostgresFixture f) : CdrStoreContract(f);

[Collection("postgres")]
public sealed class PostgresRecordingIndexContract(PostgresFixture f) : RecordingIndexContract(f);

[Collection("postgres")]
public sealed class PostgresTicketStoreContract(PostgresFixture f) : TicketStoreContract(f);

[Collection("postgres")]
public sealed class PostgresKnowledgeBaseContract(PostgresFixture f) : KnowledgeBaseContract(f);

[Collection("postgres")]
public sealed class PostgresReportContract(PostgresFixture f) : ReportContract(f);
