using System.Net;
using System.Net.Sockets;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Tests.UserAgent;

/// <summary>A raw UDP SIP peer driven step by step by a test, so races (forks, glare) happen exactly as scripted.</summary>
internal sealed class ScriptedPeer : IDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly List<(SipMessage Message, IPEndPoint From)> _pending = [];

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    public int Port => EndPoint.Port;

    /// <summary>Waits for the next message matching <paramref name="predicate"/>, keeping others for later.</summary>
    public async Task<(SipMessage Message, IPEndPoint From)> ReceiveAsync(Func<SipMessage, bool> predicate, int timeoutMs = 5000)
    {
        var found = _pending.FirstOrDefault(p => predicate(p.Message));
        if (found.Message is not null)
        {
            _pending.Remove(found);
            return found;
        }

        using var cts = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            var result = await _socket.ReceiveAsync(cts.Token);
            var message = SipMessageParser.ParseDatagram(result.Buffer);
            if (predicate(message))
            {
                return (message, result.RemoteEndPoint);
            }

            _pending.Add((message, result.RemoteEndPoint));
        }
    }

    public Task<(SipMessage Message, IPEndPoint From)> ReceiveRequestAsync(SipMethod method) =>
        ReceiveAsync(m => m is SipRequest r && r.Method == method);

    public async Task SendAsync(SipMessage message, IPEndPoint to) => await _socket.SendAsync(message.ToArray(), to);

    /// <summary>Sends bytes as they are (a message the parser would refuse, for example).</summary>
    public async Task SendRawAsync(string text, IPEndPoint to) => await _socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(text), to);

    /// <summary>True when no message matching <paramref name="predicate"/> arrives within <paramref name="ms"/>.</summary>
    public async Task<bool> NothingArrivesAsync(Func<SipMessage, bool> predicate, int ms)
    {
        try
        {
            await ReceiveAsync(predicate, ms);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public Task RespondAsync(SipRequest request, IPEndPoint to, int code, string toTag, string? body = null, string? contact = null)
    {
        var builder = SipMessageBuilder.CreateResponse(request, code, toTag: request.ToTag is null && code > 100 ? toTag : null);
        builder.AddHeader("Contact", contact ?? $"<sip:peer@127.0.0.1:{Port}>");
        if (body is not null)
        {
            builder.SetBody("application/sdp", System.Text.Encoding.ASCII.GetBytes(body));
        }

        return SendAsync(builder.Build(), to);
    }

    public void Dispose() => _socket.Dispose();
}
