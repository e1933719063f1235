using System.Net;
using CallCenterSdk.Sip.Registration;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Hosting.Tests.Telephony;

/// <summary>Registers an agent's phone (a call engine) with a <see cref="TestCenter"/>'s registrar over UDP, with digest auth.</summary>
internal static class TestCenterPhone
{
    /// <summary>
    /// Registers <paramref name="extension"/> of <paramref name="domain"/> (password <c>sip-</c> + <see cref="TestCenter.Password"/>)
    /// from <paramref name="phone"/>'s stack and waits for the 200; a refusal fails with its status. The caller disposes the client.
    /// </summary>
    public static async Task<RegistrationClient> RegisterAsync(SipStack phone, IPEndPoint center, TimeSpan timeout, string extension = "1001", string domain = "acme.callcenter")
    {
        var registration = new RegistrationClient(phone, new RegistrationClientOptions
        {
            RegistrarUri = "sip:" + domain,
            Registrar = new SipEndpoint(SipTransportProtocol.Udp, center),
            AddressOfRecord = $"sip:{extension}@{domain}",
            Username = extension,
            Password = "sip-" + TestCenter.Password,
            ContactUser = extension,
        });
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registration.Registered += (_, _) => registered.TrySetResult();
        registration.Failed += (_, status, reason) => registered.TrySetException(new InvalidOperationException($"registration failed: {status} {reason}"));
        registration.Start();
        try
        {
            await registered.Task.WaitAsync(timeout);
            return registration;
        }
        catch
        {
            await registration.DisposeAsync();
            throw;
        }
    }
}
