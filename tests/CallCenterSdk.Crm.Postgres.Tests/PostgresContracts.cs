using CallCenterSdk.Crm.Tests.Contract;

namespace CallCenterSdk.Crm.Tests.Contract
{
    // Every suite bound here runs in the "postgres" collection (one throw-away server for all of them): said once, on
    // the suites' common base as this project compiles it; xunit reads [Collection] through inheritance.
    [Collection("postgres")]
    public abstract partial class ContractTest;
}

namespace CallCenterSdk.Crm.Postgres.Tests
{
    // The contract suite bound to the PostgreSQL store.
    public sealed class PostgresCustomerDirectoryContract(PostgresFixture f) : CustomerDirectoryContract(f);

    public sealed class PostgresCustomerImportContract(PostgresFixture f) : CustomerImportContract(f);

    public sealed class PostgresCdrStoreContract(PostgresFixture f) : CdrStoreContract(f);

    public sealed class PostgresRecordingIndexContract(PostgresFixture f) : RecordingIndexContract(f);

    public sealed class PostgresTicketStoreContract(PostgresFixture f) : TicketStoreContract(f);

    public sealed class PostgresKnowledgeBaseContract(PostgresFixture f) : KnowledgeBaseContract(f);

    public sealed class PostgresReportContract(PostgresFixture f) : ReportContract(f);
}
