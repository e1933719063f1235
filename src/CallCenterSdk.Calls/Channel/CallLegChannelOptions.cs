using CallCenterSdk.Ivr.Channel;

namespace CallCenterSdk.Calls.Channel;

/// <summary>Settings of a <see cref="CallLegChannel"/>.</summary>
public sealed record CallLegChannelOptions
{
    /// <summary>Variables the host sets for the flow (campaign ids, the DNIS's label...); SIP variables are added to them.</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    /// <summary>Takes queue and agent transfers; without it such a transfer fails with an error naming this property.</summary>
    public IAcdTransferHandler? AcdTransfers { get; init; }

    /// <summary>
    /// Maps an extension or external number to the URI and next hop to dial. Without it, an address that is a
    /// SIP URI with an IP host is dialled as is, and anything else fails the transfer with a clear detail.
    /// </summary>
    public Func<TransferTarget, TransferRoute?>? DialPlan { get; init; }

    /// <summary>
    /// The From of transfer legs; null presents the caller's number (<c>sip:ANI@our-address</c>), as a PBX
    /// forwards caller id.
    /// </summary>
    public string? TransferFrom { get; init; }

    /// <summary>The country whose ringback tone the caller hears while a transfer rings (CN, US, UK, EU); null for silence. Default US.</summary>
    public string? RingbackCountry { get; init; } = "US";
}
