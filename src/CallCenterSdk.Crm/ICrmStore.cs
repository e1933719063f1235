using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Knowledge;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Crm.Reports;
using CallCenterSdk.Crm.Tickets;

namespace CallCenterSdk.Crm;

/// <summary>A CRM/CDR store: the SQLite default (<c>SqliteCrmStore</c>) or PostgreSQL.</summary>
public interface ICrmStore : IAsyncDisposable
{
    /// <summary>The customer directory.</summary>
    ICustomerDirectory Customers { get; }

    /// <summary>The CDR store.</summary>
    ICdrStore Cdrs { get; }

    /// <summary>The recording index.</summary>
    IRecordingIndex Recordings { get; }

    /// <summary>Tickets.</summary>
    ITicketStore Tickets { get; }

    /// <summary>The knowledge base.</summary>
    IKnowledgeBase Knowledge { get; }

    /// <summary>KPI reports.</summary>
    IReportQueries Reports { get; }

    /// <summary>The schema version the database is at.</summary>
    int SchemaVersion { get; }
}
