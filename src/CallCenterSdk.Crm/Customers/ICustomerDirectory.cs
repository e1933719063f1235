using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Phones;
using CallCenterSdk.Crm.Tenancy;

namespace CallCenterSdk.Crm.Customers;

/// <summary>
/// The customer directory of a tenant: screen pop by phone number, CRUD, search, custom fields and
/// contact history. Read methods take the reader's role and mask numbers per the store's
/// <see cref="NumberMaskingPolicy"/>.
/// </summary>
public interface ICustomerDirectory
{
    /// <summary>Sets the dial plan used to normalise the tenant's numbers (default: the store's).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="plan">The dial plan.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Completes when stored.</returns>
    Task SetDialPlanAsync(TenantId tenant, DialPlan plan, CancellationToken cancellationToken = default);

    /// <summary>Returns the tenant's dial plan.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tenant's plan, or the store default.</returns>
    Task<DialPlan> GetDialPlanAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Defines or redefines a custom field for the tenant's customers.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="field">The definition.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Completes when stored.</returns>
    Task DefineFieldAsync(TenantId tenant, CustomFieldDefinition field, CancellationToken cancellationToken = default);

    /// <summary>Lists the tenant's custom field definitions, ordered by name.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The definitions.</returns>
    Task<IReadOnlyList<CustomFieldDefinition>> GetFieldsAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Creates a customer; numbers are normalised, fields validated against the definitions.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="draft">The customer's data.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new customer's id.</returns>
    /// <exception cref="CrmValidationException">A field is invalid or a number already belongs to another customer.</exception>
    Task<long> CreateAsync(TenantId tenant, CustomerDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Replaces a customer's data.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The customer.</param>
    /// <param name="draft">The new data.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Completes when stored.</returns>
    /// <exception cref="CrmNotFoundException">No such customer in this tenant.</exception>
    Task UpdateAsync(TenantId tenant, long id, CustomerDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Deletes a customer with its numbers and contact history.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when a customer was deleted.</returns>
    Task<bool> DeleteAsync(TenantId tenant, long id, CancellationToken cancellationToken = default);

    /// <summary>Reads a customer.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The customer.</param>
    /// <param name="role">The reader's role (decides masking).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The customer, or null.</returns>
    Task<Customer?> GetAsync(TenantId tenant, long id, CrmRole role, CancellationToken cancellationToken = default);

    /// <summary>Screen pop: finds the customer owning a phone number (any notation; normalised first).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="phoneNumber">The caller's number as received.</param>
    /// <param name="role">The reader's role (decides masking).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The customer, or null when the number is unknown or cannot be normalised.</returns>
    Task<Customer?> FindByPhoneAsync(TenantId tenant, string phoneNumber, CrmRole role, CancellationToken cancellationToken = default);

    /// <summary>Searches by name, company or e-mail (case-insensitive substring), ordered by id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="text">Text to look for; empty lists everyone.</param>
    /// <param name="page">Which page.</param>
    /// <param name="role">The reader's role (decides masking).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A page of customers.</returns>
    Task<Page<Customer>> SearchAsync(TenantId tenant, string text, PageRequest page, CrmRole role, CancellationToken cancellationToken = default);

    /// <summary>Appends an entry to a customer's contact history.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="contact">The entry (its Id is ignored).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entry's id.</returns>
    /// <exception cref="CrmNotFoundException">No such customer in this tenant.</exception>
    Task<long> AddContactAsync(TenantId tenant, ContactRecord contact, CancellationToken cancellationToken = default);

    /// <summary>Reads a customer's contact history, newest first.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="page">Which page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A page of contacts.</returns>
    Task<Page<ContactRecord>> GetContactHistoryAsync(TenantId tenant, long customerId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Imports rows that were already validated; each row is inserted atomically (all of it
    /// or nothing) and rows the store rejects (for example a duplicate number) are reported.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="rows">Row number and draft of each row to insert.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>For each row, the new id or the reason it was rejected.</returns>
    Task<IReadOnlyList<ImportedRow>> ImportAsync(TenantId tenant, IReadOnlyList<(int Row, CustomerDraft Draft)> rows, CancellationToken cancellationToken = default);
}
