using System.Globalization;
using System.Net;
using CallCenterSdk.Hosting.Security;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CallCenterSdk.Hosting.Options;

/// <summary>
/// Checks a <see cref="CallCenterOptions"/> as a whole and reports every problem at once, each naming the
/// configuration path it comes from (for example <c>Tenants[0] 'acme': agent 'bob' serves unknown queue 'sales'</c>).
/// IVR flow files are loaded and validated too.
/// </summary>
public sealed class CallCenterOptionsValidator : IValidateOptions<CallCenterOptions>
{
    private readonly string _contentRoot;

    /// <summary>Resolves relative flow paths against the host's content root.</summary>
    public CallCenterOptionsValidator(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _contentRoot = environment.ContentRootPath;
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CallCenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Tenants.Count == 0)
        {
            errors.Add("Tenants: define at least one tenant.");
        }

        var tenantIds = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        var domains = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < options.Tenants.Count; i++)
        {
            var t = options.Tenants[i];
            var at = $"Tenants[{i}] '{t.Id}'";
            if (!IsToken(t.Id))
            {
                errors.Add($"Tenants[{i}]: Id '{t.Id}' must be 1-64 letters, digits, '-' or '_'.");
            }
            else if (!tenantIds.Add(t.Id))
            {
                errors.Add($"{at}: tenant id is used twice.");
            }

            if (!domains.TryAdd(t.EffectiveSipDomain, t.Id))
            {
                errors.Add($"{at}: SIP domain '{t.EffectiveSipDomain}' is already the domain of tenant '{domains[t.EffectiveSipDomain]}'.");
            }

            ValidateTenant(t, at, numbers, errors);
        }

        ValidateSip(options.Sip, errors);
        if (options.Sip.AddressTenant is { } addressTenant && !tenantIds.Contains(addressTenant))
        {
            errors.Add($"Sip: AddressTenant '{addressTenant}' is not a defined tenant.");
        }

        ValidateStorage(options.Storage, errors);
        if (options.Auth.TokenLifetimeMinutes is < 1 or > 7 * 24 * 60)
        {
            errors.Add($"Auth: TokenLifetimeMinutes is {options.Auth.TokenLifetimeMinutes}; it must be between 1 and 10080.");
        }

        var trunkIds = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < options.Trunks.Count; i++)
        {
            var trunk = options.Trunks[i];
            var at = $"Trunks[{i}] '{trunk.Id}'";
            if (!IsToken(trunk.Id) || !trunkIds.Add(trunk.Id))
            {
                errors.Add($"{at}: Id must be a unique token of letters, digits, '-' or '_'.");
            }

            if (!tenantIds.Contains(trunk.Tenant))
            {
                errors.Add($"{at}: Tenant '{trunk.Tenant}' is not defined.");
            }

            if (string.IsNullOrWhiteSpace(trunk.Host) || Uri.CheckHostName(trunk.Host) == UriHostNameType.Unknown)
            {
                errors.Add($"{at}: Host '{trunk.Host}' is not a host name or IP address.");
            }

            if (trunk.Port is < 1 or > 65535)
            {
                errors.Add($"{at}: Port {trunk.Port} is outside 1-65535.");
            }

            if (trunk.Transport is not ("udp" or "tcp"))
            {
                errors.Add($"{at}: Transport '{trunk.Transport}' must be 'udp' or 'tcp'.");
            }

            if (!string.IsNullOrEmpty(trunk.Username) && string.IsNullOrEmpty(trunk.Password))
            {
                errors.Add($"{at}: Username is set but Password is empty.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Parses <c>host:port</c> or <c>[v6]:port</c>.</summary>
    internal static bool TryParseEndPoint(string? text, out IPEndPoint endPoint)
    {
        endPoint = null!;
        if (string.IsNullOrWhiteSpace(text) || !IPEndPoint.TryParse(text, out var parsed) || parsed is null)
        {
            return false;
        }

        // IPEndPoint.TryParse takes "127.0.0.1" without a port as port 0: require the port explicitly.
        if (!text.Contains(':', StringComparison.Ordinal) || (text.StartsWith('[') && !text.Contains("]:", StringComparison.Ordinal)))
        {
            return false;
        }

        endPoint = parsed;
        return true;
    }

    private void ValidateTenant(TenantOptions t, string at, Dictionary<string, string> numbers, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(t.Name))
        {
            errors.Add($"{at}: Name is required.");
        }

        if (Uri.CheckHostName(t.EffectiveSipDomain) == UriHostNameType.Unknown)
        {
            errors.Add($"{at}: SipDomain '{t.EffectiveSipDomain}' is not a host name.");
        }

        foreach (var (flowId, path) in t.IvrFlows)
        {
            ValidateFlow(at, flowId, path, errors);
        }

        foreach (var number in t.Numbers)
        {
            if (string.IsNullOrWhiteSpace(number.Number) || !number.Number.TrimStart('+').All(char.IsAsciiDigit))
            {
                errors.Add($"{at}: number '{number.Number}' must be digits with an optional leading '+'.");
            }
            else if (!numbers.TryAdd(number.Number, t.Id))
            {
                errors.Add($"{at}: number '{number.Number}' is already a number of tenant '{numbers[number.Number]}'.");
            }

            if (!t.IvrFlows.ContainsKey(number.Flow))
            {
                errors.Add($"{at}: number '{number.Number}' starts flow '{number.Flow}', which is not in IvrFlows.");
            }
        }

        var queueIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in t.Queues)
        {
            if (!IsToken(q.Id) || !queueIds.Add(q.Id))
            {
                errors.Add($"{at}: queue id '{q.Id}' must be a unique token of letters, digits, '-' or '_'.");
            }

            if (!Enum.IsDefined(q.Strategy))
            {
                errors.Add($"{at}: queue '{q.Id}' has unknown strategy {q.Strategy}.");
            }

            if (q.ServiceLevelThresholdSeconds is < 1 or > 3600)
            {
                errors.Add($"{at}: queue '{q.Id}' ServiceLevelThresholdSeconds {q.ServiceLevelThresholdSeconds} is outside 1-3600.");
            }

            if (q.WrapUpSeconds < 0 || q.MaxWaitSeconds < 0 || q.OfferTimeoutSeconds < 1)
            {
                errors.Add($"{at}: queue '{q.Id}' has a negative WrapUpSeconds/MaxWaitSeconds or an OfferTimeoutSeconds below 1.");
            }

            foreach (var (skill, level) in q.RequiredSkills)
            {
                CheckSkill(at, $"queue '{q.Id}'", skill, level, errors);
            }
        }

        var agentIds = new HashSet<string>(StringComparer.Ordinal);
        var extensions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in t.Agents)
        {
            if (!IsToken(a.Id) || !agentIds.Add(a.Id))
            {
                errors.Add($"{at}: agent id '{a.Id}' must be a unique token of letters, digits, '-' or '_'.");
            }

            if (!IsToken(a.Extension) || !extensions.Add(a.Extension))
            {
                errors.Add($"{at}: agent '{a.Id}' extension '{a.Extension}' must be a unique token of letters, digits, '-' or '_'.");
            }

            if (a.Password.Length < 8)
            {
                errors.Add($"{at}: agent '{a.Id}' needs a SIP Password of at least 8 characters.");
            }

            foreach (var queue in a.Queues.Where(queue => !queueIds.Contains(queue)))
            {
                errors.Add($"{at}: agent '{a.Id}' serves unknown queue '{queue}'.");
            }

            foreach (var (skill, level) in a.Skills)
            {
                CheckSkill(at, $"agent '{a.Id}'", skill, level, errors);
            }
        }

        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in t.Users)
        {
            if (!IsToken(u.Name) || !users.Add(u.Name))
            {
                errors.Add($"{at}: user name '{u.Name}' must be a unique token of letters, digits, '-' or '_'.");
            }

            if (u.Password.Length < 8)
            {
                errors.Add($"{at}: user '{u.Name}' needs a Password of at least 8 characters.");
            }

            if (u.Roles.Count == 0)
            {
                errors.Add($"{at}: user '{u.Name}' has no role; give one of {string.Join(", ", CallCenterRoles.All)}.");
            }

            foreach (var role in u.Roles.Where(r => !CallCenterRoles.All.Contains(r)))
            {
                errors.Add($"{at}: user '{u.Name}' has unknown role '{role}'; roles are {string.Join(", ", CallCenterRoles.All)}.");
            }

            if (u.Agent is { } agent && !agentIds.Contains(agent))
            {
                errors.Add($"{at}: user '{u.Name}' works as unknown agent '{agent}'.");
            }
            else if (u.Agent is null && u.Roles.Contains(CallCenterRoles.Agent))
            {
                errors.Add($"{at}: user '{u.Name}' has the role 'agent' but no Agent.");
            }
        }

        try
        {
            _ = t.Zone;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            errors.Add($"{at}: time zone '{t.TimeZone}' is unknown (use an IANA id such as Europe/Berlin).");
        }

        var schedules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in t.BusinessHours)
        {
            if (!IsToken(b.Id) || !schedules.Add(b.Id))
            {
                errors.Add($"{at}: business-hours id '{b.Id}' must be a unique token.");
            }

            try
            {
                BusinessHoursFactory.Create(b);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                errors.Add($"{at}: business hours '{b.Id}': {e.Message}");
            }
        }
    }

    private void ValidateFlow(string at, string flowId, string path, List<string> errors)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(_contentRoot, path);
        if (!File.Exists(full))
        {
            errors.Add($"{at}: IVR flow '{flowId}' file '{full}' does not exist.");
            return;
        }

        try
        {
            var flow = FlowJsonLoader.Load(File.ReadAllText(full));
            if (!string.Equals(flow.Id, flowId, StringComparison.Ordinal))
            {
                errors.Add($"{at}: IVR flow file '{path}' has id '{flow.Id}' but is configured as '{flowId}'.");
            }
        }
        catch (FlowValidationException e)
        {
            errors.Add($"{at}: IVR flow '{flowId}' ({path}) is invalid: {e.Message}");
        }
    }

    private static void CheckSkill(string at, string owner, string skill, int level, List<string> errors)
    {
        if (!IsToken(skill))
        {
            errors.Add($"{at}: {owner} skill name '{skill}' must be a token of letters, digits, '-' or '_'.");
        }

        if (level is < 1 or > 10)
        {
            errors.Add($"{at}: {owner} skill '{skill}' level {level.ToString(CultureInfo.InvariantCulture)} is outside 1-10.");
        }
    }

    private static void ValidateSip(SipOptions sip, List<string> errors)
    {
        if (!TryParseEndPoint(sip.Listen, out _))
        {
            errors.Add($"Sip: Listen '{sip.Listen}' is not an address with a port (127.0.0.1:5060, [::1]:5060).");
        }

        if (!sip.Udp && !sip.Tcp)
        {
            errors.Add("Sip: enable at least one of Udp and Tcp.");
        }

        if (sip.MinExpiresSeconds < 1 || sip.MaxExpiresSeconds < sip.MinExpiresSeconds)
        {
            errors.Add($"Sip: MinExpiresSeconds ({sip.MinExpiresSeconds}) must be at least 1 and at most MaxExpiresSeconds ({sip.MaxExpiresSeconds}).");
        }

        foreach (var name in sip.EffectiveDigestAlgorithms)
        {
            if (!CallCenterSdk.Sip.Authentication.DigestAlgorithm.TryParse(name, out _) || string.IsNullOrEmpty(name))
            {
                errors.Add($"Sip: DigestAlgorithms has unknown algorithm '{name}'; use {string.Join(", ", CallCenterSdk.Sip.Authentication.DigestAlgorithm.All.Select(a => a.Name))}.");
            }
        }

        if (!string.IsNullOrEmpty(sip.NonceKey) && sip.NonceKey.Length < 16)
        {
            errors.Add("Sip: NonceKey must be at least 16 characters (or empty for a random key).");
        }
    }

    private static void ValidateStorage(StorageOptions storage, List<string> errors)
    {
        switch (storage.Provider)
        {
            case StorageProvider.Sqlite when string.IsNullOrWhiteSpace(storage.SqlitePath):
                errors.Add("Storage: SqlitePath is required for the Sqlite provider.");
                break;
            case StorageProvider.Postgres when string.IsNullOrWhiteSpace(storage.PostgresConnectionString):
                errors.Add("Storage: PostgresConnectionString is required for the Postgres provider.");
                break;
            case StorageProvider.Sqlite or StorageProvider.Postgres:
                break;
            default:
                errors.Add($"Storage: unknown Provider {storage.Provider}; use Sqlite or Postgres.");
                break;
        }
    }

    private static bool IsToken(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
