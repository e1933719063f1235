using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Hosting.Tests.EndToEnd;

/// <summary>
/// An agent's desk phone: baresip 1.0 (Debian package baresip), headless, registering with digest auth (baresip
/// 1.0 gives up when any challenge of a 401 is not MD5, so the center challenges with MD5 only) either at the center's own address (the address
/// tenant) or as <c>sip:EXTENSION@DOMAIN</c> of a tenant's SIP domain through the center as outbound proxy, and
/// answering calls automatically. It speaks a steady tone from a WAV file (aufile), saves what it hears
/// (sndfile's <c>dump-*-dec.wav</c>), and is driven and watched through ctrl_tcp (netstring JSON commands and events).
/// </summary>
internal sealed class BaresipAgentPhone : IAsyncDisposable
{
    private readonly PeerProcess _process;
    private readonly TcpClient _control;
    private readonly List<JsonElement> _messages = [];
    private readonly Task _reader;
    private int _tokens;

    private BaresipAgentPhone(PeerProcess process, TcpClient control, string directory, string account)
    {
        _process = process;
        _control = control;
        Directory = directory;
        Account = account;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>The config folder; sndfile writes its dumps here.</summary>
    public string Directory { get; }

    /// <summary>The line of baresip's <c>accounts</c> file the phone runs with.</summary>
    public string Account { get; }

    /// <summary>baresip's output, for failure messages.</summary>
    public string Diagnostics => $"baresip stdout:\n{WithoutStatusLines(_process.StandardOutput)}\nstderr:\n{WithoutStatusLines(_process.StandardError)}";

    /// <summary>
    /// The account line for <c>sip:EXTENSION@127.0.0.1</c> registering at the center's UDP port <paramref name="centerPort"/>
    /// or, with a <paramref name="domain"/>, for <c>sip:EXTENSION@DOMAIN</c> with the center as outbound proxy over
    /// <paramref name="transport"/>: the REGISTER's Request-URI is then <c>sip:DOMAIN</c> (selecting the tenant and its
    /// realm) and goes to 127.0.0.1:<paramref name="centerPort"/> with a <c>Route</c> to it, without a DNS look-up of the
    /// domain. Without <c>outbound</c> baresip 1.0 asks DNS for the domain's NAPTR record and never sends a REGISTER.
    /// </summary>
    public static string AccountLine(int centerPort, string extension, string password, string? domain = null, string transport = "udp")
    {
        if (transport is not ("udp" or "tcp"))
        {
            throw new ArgumentException($"baresip's transport here is udp or tcp, not '{transport}'.", nameof(transport));
        }

        var port = centerPort.ToString(CultureInfo.InvariantCulture);
        var parameters = $"auth_pass={password};regint=300;answermode=auto;audio_codecs=PCMU";
        if (domain is null)
        {
            return transport == "udp"
                ? $"<sip:{extension}@127.0.0.1:{port}>;{parameters}"
                : $"<sip:{extension}@127.0.0.1:{port};transport=tcp>;{parameters}";
        }

        var proxy = transport == "udp" ? $"sip:127.0.0.1:{port}" : $"sip:127.0.0.1:{port};transport=tcp";
        return $"<sip:{extension}@{domain}>;{parameters};outbound=\"{proxy}\"";
    }

    /// <summary>
    /// Starts baresip registering <c>sip:EXTENSION@127.0.0.1</c> at the center's UDP port <paramref name="centerPort"/>
    /// (or, with a <paramref name="domain"/>, <c>sip:EXTENSION@DOMAIN</c> through the center as outbound proxy over
    /// <paramref name="transport"/>, see <see cref="AccountLine"/>) and speaking <paramref name="toneFrequency"/> Hz
    /// for <paramref name="seconds"/> seconds on every call.
    /// </summary>
    public static async Task<BaresipAgentPhone> StartAsync(
        string directory, int centerPort, string extension, string password, double toneFrequency, int seconds = 60, string? domain = null, string transport = "udp")
    {
        var account = AccountLine(centerPort, extension, password, domain, transport);
        var baresip = NativeTool.Require("baresip", "baresip");
        System.IO.Directory.CreateDirectory(directory);
        var voice = Path.Combine(directory, "voice.wav");
        using (var wav = WavWriter.Create(voice, AudioFormat.Narrowband))
        {
            var samples = new short[8000 * seconds];
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = (short)Math.Round(8000 * Math.Sin(2 * Math.PI * toneFrequency * i / 8000));
            }

            wav.Write(samples);
        }

        // Free ports are picked per process: another test run may take one before baresip binds it, so a phone
        // that could not bind starts again on others.
        for (var attempt = 1; ; attempt++)
        {
            var sipPort = FreePort.Next();
            FreePort.Next(); // baresip's SIP stack also listens (TLS) on the port above sip_listen's
            var controlPort = FreePort.Next();
            await File.WriteAllTextAsync(Path.Combine(directory, "config"), $"""
                sip_listen      127.0.0.1:{sipPort}
                net_interface   127.0.0.1
                dns_server      127.0.0.1:53
                audio_source    aufile,{voice}
                audio_player    aubridge,nowhere
                audio_alert     aubridge,nowhere
                snd_path        {directory}
                ctrl_tcp_listen 127.0.0.1:{controlPort}
                module_path     /usr/lib/baresip/modules
                module          g711.so
                module          aufile.so
                module          aubridge.so
                module          sndfile.so
                module_tmp      account.so
                module_app      menu.so
                module_app      ctrl_tcp.so

                """);
            await File.WriteAllTextAsync(Path.Combine(directory, "accounts"), account + "\n");
            var process = PeerProcess.Start(baresip, ["-f", directory, "-t", "150"]);
            try
            {
                await process.WaitForOutputAsync("baresip is ready", TimeSpan.FromSeconds(20));
                if (process.StandardOutput.Contains("Address already in use", StringComparison.Ordinal) || process.StandardError.Contains("Address already in use", StringComparison.Ordinal))
                {
                    var diagnostics = process.StandardOutput + process.StandardError;
                    await process.DisposeAsync();
                    if (attempt == 3)
                    {
                        throw new InvalidOperationException("baresip could not bind its ports three times:\n" + diagnostics);
                    }

                    continue;
                }

                var control = new TcpClient();
                await control.ConnectAsync("127.0.0.1", controlPort);
                return new BaresipAgentPhone(process, control, directory, account);
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Waits for a ctrl_tcp event of <paramref name="type"/> (CALL_INCOMING, CALL_ESTABLISHED, CALL_CLOSED...).</summary>
    public async Task<JsonElement> WaitForEventAsync(string type, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_messages)
            {
                foreach (var m in _messages)
                {
                    if (m.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.True && m.TryGetProperty("type", out var t) && t.GetString() == type)
                    {
                        return m;
                    }
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"baresip sent no {type} event within {timeout}.\n{Events()}\n{Diagnostics}");
    }

    /// <summary>Waits until baresip printed <paramref name="text"/> (a registration's final status, say).</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) => _process.WaitForOutputAsync(text, timeout);

    /// <summary>The events so far, one a line.</summary>
    public string Events()
    {
        lock (_messages)
        {
            return string.Join('\n', _messages.Select(m => m.GetRawText()));
        }
    }

    /// <summary>Hangs up the call (the agent puts the receiver down).</summary>
    public async Task HangUpAsync()
    {
        var token = "t" + Interlocked.Increment(ref _tokens).ToString(CultureInfo.InvariantCulture);
        var json = JsonSerializer.SerializeToUtf8Bytes(new { command = "hangup", @params = string.Empty, token });
        var frame = Encoding.ASCII.GetBytes(json.Length.ToString(CultureInfo.InvariantCulture) + ":").Concat(json).Append((byte)',').ToArray();
        await _control.GetStream().WriteAsync(frame);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            lock (_messages)
            {
                if (_messages.Any(m => m.TryGetProperty("token", out var t) && t.GetString() == token))
                {
                    var answer = _messages.First(m => m.TryGetProperty("token", out var t) && t.GetString() == token);
                    Assert.True(answer.GetProperty("ok").GetBoolean(), $"baresip refused hangup: {answer.GetRawText()}");
                    return;
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"baresip did not answer the hangup command.\n{Events()}\n{Diagnostics}");
    }

    /// <summary>What the phone heard on its last call (sndfile's decoded dump), as 20 ms frames into a probe.</summary>
    public ToneProbe HeardOnLastCall(params double[] frequencies)
    {
        var dump = new DirectoryInfo(Directory).GetFiles("dump-*dec.wav").OrderBy(f => f.LastWriteTimeUtc).LastOrDefault()
            ?? throw new InvalidOperationException($"baresip wrote no dump-*-dec.wav in {Directory}.\n{Diagnostics}");
        using var wav = WavReader.Open(dump.FullName);
        var probe = new ToneProbe(wav.Format.SampleRate, frequencies);
        var frame = new short[wav.Format.SamplesPerFrame];
        Assert.Equal(1, wav.Format.Channels);
        while (wav.Read(frame) == frame.Length)
        {
            probe.WriteFrame(frame);
        }

        return probe;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await _process.DisposeAsync();
        await Task.WhenAny(_reader, Task.Delay(2000));
    }

    // The menu module redraws a call's bit rates ("[0:00:12] audio=64000/64000 (bit/s)") many times a second.
    private static string WithoutStatusLines(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.Contains("(bit/s)", StringComparison.Ordinal) && l.Trim().Length > 0));

    private async Task ReadAsync()
    {
        // Netstrings: "LENGTH:JSON," one after another (ctrl_tcp).
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        try
        {
            var stream = _control.GetStream();
            int n;
            while ((n = await stream.ReadAsync(chunk)) > 0)
            {
                buffer.AddRange(chunk.AsSpan(0, n).ToArray());
                while (true)
                {
                    var colon = buffer.IndexOf((byte)':');
                    if (colon < 0 || !int.TryParse(Encoding.ASCII.GetString([.. buffer.Take(colon)]), CultureInfo.InvariantCulture, out var length) || buffer.Count < colon + 1 + length + 1)
                    {
                        break;
                    }

                    var json = Encoding.UTF8.GetString([.. buffer.Skip(colon + 1).Take(length)]);
                    buffer.RemoveRange(0, colon + 1 + length + 1);
                    lock (_messages)
                    {
                        _messages.Add(JsonDocument.Parse(json).RootElement.Clone());
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The phone or the test closed the control connection.
        }
    }
}
