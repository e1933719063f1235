using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Tenancy;

namespace CallCenterSdk.Crm.Tickets;

/// <summary>Tickets (complaints, repair orders) with a status workflow, escalation levels with
/// deadlines, assignment and history. Every change is recorded in the history.</summary>
public interface ITicketStore
{
    /// <summary>Creates a ticket in status New with its first escalation deadline.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="draft">The ticket.</param>
    /// <param name="actor">Who creates it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new ticket's id.</returns>
    Task<long> CreateAsync(TenantId tenant, TicketDraft draft, string actor, CancellationToken cancellationToken = default);

    /// <summary>Reads a ticket.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The ticket.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The ticket or null.</returns>
    Task<Ticket?> GetAsync(TenantId tenant, long id, CancellationToken cancellationToken = default);

    /// <summary>Moves a ticket to another status if the workflow allows it.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The ticket.</param>
    /// <param name="status">The new status.</param>
    /// <param name="actor">Who.</param>
    /// <param name="note">Why.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The updated ticket.</returns>
    /// <exception cref="TicketWorkflowException">The workflow does not allow the move.</exception>
    /// <exception cref="CrmNotFoundException">No such ticket in this tenant.</exception>
    Task<Ticket> ChangeStatusAsync(TenantId tenant, long id, TicketStatus status, string actor, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Assigns (or reassigns) a ticket; a New ticket becomes Assigned.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The ticket.</param>
    /// <param name="assignee">Who gets it.</param>
    /// <param name="actor">Who assigns.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The updated ticket.</returns>
    /// <exception cref="TicketWorkflowException">The ticket is closed or cancelled.</exception>
    Task<Ticket> AssignAsync(TenantId tenant, long id, string assignee, string actor, CancellationToken cancellationToken = default);

    /// <summary>Adds a comment to the history.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The ticket.</param>
    /// <param name="actor">Who.</param>
    /// <param name="note">The comment.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Completes when stored.</returns>
    Task CommentAsync(TenantId tenant, long id, string actor, string note, CancellationToken cancellationToken = default);

    /// <summary>Reads a ticket's history, oldest first.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The ticket.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The history.</returns>
    Task<IReadOnlyList<TicketEvent>> GetHistoryAsync(TenantId tenant, long id, CancellationToken cancellationToken = default);

    /// <summary>Lists tickets.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="query">The filter.</param>
    /// <param name="page">Which page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A page of tickets.</returns>
    Task<Page<Ticket>> ListAsync(TenantId tenant, TicketQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Raises every open ticket whose next deadline has passed (per the store's TimeProvider)
    /// to the level it has reached, recording each step in the history.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tickets that escalated, after the change.</returns>
    Task<IReadOnlyList<Ticket>> EscalateDueAsync(TenantId tenant, CancellationToken cancellationToken = default);
}
