using CallCenterSdk.Crm.Tests.Contract;

namespace CallCenterSdk.Crm.Tests.Sqlite;

// The contract suite bound to the SQLite store (a fresh database file per test).
public sealed class SqliteCustomerDirectoryContract(SqliteStoreFactory f) : CustomerDirectoryContract(f), IClassFixture<SqliteStoreFactory>;

public sealed class SqliteCustomerImportContract(SqliteStoreFactory f) : CustomerImportContract(f), IClassFixture<SqliteStoreFactory>;

public sealed class SqliteCdrStoreContract(SqliteStoreFactory f) : CdrStoreContract(f), IClassFixture<SqliteStoreFactory>;

public sealed class SqliteRecordingIndexContract(SqliteStoreFactory f) : RecordingIndexContract(f), IClassFixture<SqliteStoreFactory>;

public sealed class SqliteTicketStoreContract(SqliteStoreFactory f) : TicketStoreContract(f), IClassFixture<SqliteStoreFactory>;

public sealed class SqliteKnowledgeBaseContract(SqliteStoreFactory f) : KnowledgeBaseContract(f), IClassFixture<SqliteStoreFactory>;

public sealed class SqliteReportContract(SqliteStoreFactory f) : ReportContract(f), IClassFixture<SqliteStoreFactory>;
