using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CallCenterSdk.Hosting.Options;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace CallCenterSdk.Hosting.Security;

/// <summary>Checks sign-in names and passwords against the configured users of each tenant.</summary>
internal sealed class UserDirectory(IOptions<CallCenterOptions> options)
{
    private readonly CallCenterOptions _options = options.Value;

    /// <summary>The principal for valid credentials, else null (same answer for unknown tenant, user or wrong password).</summary>
    public ClaimsPrincipal? SignIn(string? tenantId, string? userName, string? password)
    {
        var tenant = tenantId is null ? null : _options.FindTenant(tenantId);
        var user = tenant?.Users.FirstOrDefault(u => string.Equals(u.Name, userName, StringComparison.Ordinal));
        // Compare hashes in constant time so the answer time does not tell how much of the password matched.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(user?.Password ?? "\0no-such-user"));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(password ?? string.Empty));
        if (!CryptographicOperations.FixedTimeEquals(expected, given) || user is null || tenant is null)
        {
            return null;
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Name),
            new(CallCenterClaims.Tenant, tenant.Id),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (user.Agent is not null)
        {
            claims.Add(new Claim(CallCenterClaims.Agent, user.Agent));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, BearerTokenDefaults.AuthenticationScheme));
    }
}
