using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Registration;

/// <summary>
/// The location service (RFC 3261 §10): address-of-record to contacts, per tenant, with expiry from a
/// <see cref="TimeProvider"/>. Thread-safe; in memory, as registrations are soft state that phones refresh.
/// </summary>
public sealed class LocationService
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Dictionary<(string Tenant, string Aor), List<Binding>> _bindings = [];

    /// <summary>Creates an empty location service.</summary>
    public LocationService(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The clock bindings expire by.</summary>
    public TimeProvider Time => _time;

    /// <summary>The canonical address-of-record of a URI: scheme, user and lower-case host, no port or parameters.</summary>
    public static string AddressOfRecord(AddressUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri is SipUri sip
            ? $"{sip.Scheme}:{(sip.User is null ? string.Empty : sip.User + "@")}{sip.Host.ToLowerInvariant()}"
            : uri.ToString();
    }

    /// <summary>The live contacts of <paramref name="addressOfRecord"/> in <paramref name="tenantId"/>, highest q first.</summary>
    public IReadOnlyList<Binding> Lookup(string tenantId, string addressOfRecord)
    {
        lock (_gate)
        {
            if (!_bindings.TryGetValue((tenantId, addressOfRecord), out var list))
            {
                return [];
            }

            Prune(list);
            return [.. list.OrderByDescending(b => b.Q).ThenByDescending(b => b.ExpiresAt)];
        }
    }

    /// <summary>Every address-of-record with a live binding in <paramref name="tenantId"/>.</summary>
    public IReadOnlyList<string> RegisteredAddresses(string tenantId)
    {
        lock (_gate)
        {
            return [.. _bindings.Where(kv => kv.Key.Tenant == tenantId && kv.Value.Any(b => b.ExpiresAt > _time.GetUtcNow())).Select(kv => kv.Key.Aor)];
        }
    }

    /// <summary>
    /// Applies one REGISTER's changes atomically (RFC 3261 §10.3 step 7): each change adds, refreshes or
    /// (with zero expiry) removes a binding; a change from the same Call-ID with a CSeq not higher than the
    /// binding's fails the whole request. Returns false in that case and changes nothing.
    /// </summary>
    public bool TryApply(string tenantId, string addressOfRecord, IReadOnlyList<BindingChange> changes, int maxContacts, out IReadOnlyList<Binding> current)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            var key = (tenantId, addressOfRecord);
            var list = _bindings.TryGetValue(key, out var existing) ? [.. existing] : new List<Binding>();
            Prune(list);
            var now = _time.GetUtcNow();
            foreach (var change in changes)
            {
                var index = change.Contact is null ? -1 : list.FindIndex(b => string.Equals(b.Contact, change.Contact, StringComparison.Ordinal));
                if (change.Contact is null)
                {
                    // "*": every binding goes, each subject to the Call-ID/CSeq rule.
                    if (list.Any(b => b.CallId == change.CallId && b.CSeq >= change.CSeq))
                    {
                        current = list;
                        return false;
                    }

                    list.Clear();
                    continue;
                }

                if (index >= 0 && list[index].CallId == change.CallId && list[index].CSeq >= change.CSeq)
                {
                    current = list;
                    return false;
                }

                if (index >= 0)
                {
                    list.RemoveAt(index);
                }

                if (change.Expires > TimeSpan.Zero)
                {
                    list.Add(new Binding(change.Contact, now + change.Expires, change.Q, change.CallId, change.CSeq, change.Source));
                }
            }

            if (list.Count > maxContacts)
            {
                // Keep the newest: a phone re-registering after a restart replaces its stale contacts.
                list = [.. list.OrderByDescending(b => b.ExpiresAt).Take(maxContacts)];
            }

            if (list.Count == 0)
            {
                _bindings.Remove(key);
            }
            else
            {
                _bindings[key] = list;
            }

            current = [.. list.OrderByDescending(b => b.Q)];
            return true;
        }
    }

    private void Prune(List<Binding> list)
    {
        var now = _time.GetUtcNow();
        list.RemoveAll(b => b.ExpiresAt <= now);
    }
}

/// <summary>One contact change asked by a REGISTER.</summary>
/// <param name="Contact">The contact URI, or null for the wildcard <c>*</c>.</param>
/// <param name="Expires">The granted expiry; zero removes.</param>
/// <param name="Q">The q-value.</param>
/// <param name="CallId">The REGISTER's Call-ID.</param>
/// <param name="CSeq">The REGISTER's CSeq.</param>
/// <param name="Source">Where the REGISTER came from.</param>
public sealed record BindingChange(string? Contact, TimeSpan Expires, double Q, string CallId, uint CSeq, Transport.SipEndpoint Source);
