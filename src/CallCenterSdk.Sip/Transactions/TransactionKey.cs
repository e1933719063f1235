using CallCenterSdk.Sip.Messages;

namespace CallCenterSdk.Sip.Transactions;

/// <summary>
/// What matches a message to a transaction: for clients the top Via branch and CSeq method
/// (RFC 3261 §17.1.3); for servers branch, sent-by and method with ACK folded into INVITE (§17.2.3),
/// or the RFC 2543 fields when the branch lacks the magic cookie.
/// </summary>
internal readonly record struct TransactionKey(string Branch, string SentBy, string Method)
{
    public static TransactionKey ForClient(SipMessage message) =>
        new(message.TopVia.Branch ?? string.Empty, string.Empty, message.CSeq.Method.Name);

    public static TransactionKey ForServer(SipRequest request)
    {
        var method = request.Method == SipMethod.Ack ? SipMethod.Invite.Name : request.Method.Name;
        var via = request.TopVia;
        if (via.HasRfc3261Branch)
        {
            return new(via.Branch!, FormatSentBy(via.Host, via.Port), method);
        }

        // RFC 3261 §17.2.3 backwards compatibility: Request-URI, To tag, From tag, Call-ID, CSeq number and
        // top Via identify the transaction. The To tag is left out so the ACK (which carries our tag) matches;
        // the ACK's To tag is compared with the response's separately.
        var legacy = string.Join('\n', "2543", SipTextOf(request.RequestUriBytes), request.FromTag, request.CallId,
            request.CSeq.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), via.ToString());
        return new(legacy, string.Empty, method);
    }

    public bool IsLegacy => Branch.StartsWith("2543\n", StringComparison.Ordinal);

    private static string FormatSentBy(string host, int? port) => port is { } p ? $"{host.ToLowerInvariant()}:{p}" : host.ToLowerInvariant();

    private static string SipTextOf(ReadOnlySpan<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
