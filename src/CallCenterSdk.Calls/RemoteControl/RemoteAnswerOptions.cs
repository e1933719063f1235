using System.Net;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Calls.RemoteControl;

/// <summary>
/// Remote answer ("click to answer") on a <see cref="CallEngine"/> acting as a phone: a <c>NOTIFY</c> with
/// <c>Event: talk</c> (the BroadSoft remote-control convention hardphones follow) from a trusted source answers the
/// ringing inbound call that source sent. A phone must obey only its own proxy or registrar, so nothing is trusted
/// unless listed here; set <see cref="CallEngineOptions.RemoteAnswer"/> to turn the feature on.
/// </summary>
public sealed class RemoteAnswerOptions
{
    /// <summary>
    /// Addresses whose NOTIFY is obeyed (the proxy or registrar the phone uses). Port 0 trusts every port of that
    /// address (a server that opens a new TCP connection from an ephemeral port); any other port must match exactly.
    /// </summary>
    public IReadOnlyList<IPEndPoint> TrustedSources { get; init; } = [];

    /// <summary>Another test of a source (for example "the registrar this phone registered with"), asked when <see cref="TrustedSources"/> does not match.</summary>
    public Func<SipEndpoint, bool>? IsTrusted { get; init; }

    /// <summary>True when a NOTIFY from <paramref name="source"/> may answer calls.</summary>
    public bool Trusts(SipEndpoint source)
    {
        var address = Normalize(source.Remote.Address);
        foreach (var trusted in TrustedSources)
        {
            if (Normalize(trusted.Address).Equals(address) && (trusted.Port == 0 || trusted.Port == source.Remote.Port))
            {
                return true;
            }
        }

        return IsTrusted?.Invoke(source) == true;
    }

    internal static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
