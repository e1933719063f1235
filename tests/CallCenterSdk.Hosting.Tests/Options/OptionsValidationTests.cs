using CallCenterSdk.Hosting.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CallCenterSdk.Hosting.Tests.Options;

public sealed class OptionsValidationTests
{
    private static ValidateOptionsResult Validate(Action<CallCenterOptions> change)
    {
        var o = new CallCenterOptions();
        TestCenter.Configure(o, Path.GetTempPath());
        change(o);
        return new CallCenterOptionsValidator(new Environment()).Validate(null, o);
    }

    private static string FailureOf(Action<CallCenterOptions> change)
    {
        var result = Validate(change);
        Assert.True(result.Failed, "expected the options to be refused");
        return result.FailureMessage;
    }

    [Fact]
    public void The_test_configuration_is_valid()
    {
        var result = Validate(_ => { });
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void No_tenant_is_refused()
    {
        Assert.Contains("define at least one tenant", FailureOf(o => o.Tenants.Clear()));
    }

    [Fact]
    public void A_number_of_two_tenants_is_refused_naming_both()
    {
        var message = FailureOf(o => o.Tenants[1].Numbers.Add(new NumberOptions { Number = "+4930100", Flow = "main" }));
        Assert.Contains("Tenants[1] 'globex': number '+4930100' is already a number of tenant 'acme'", message);
    }

    [Fact]
    public void An_agent_in_an_unknown_queue_is_refused()
    {
        Assert.Contains("agent 'alice' serves unknown queue 'billing'", FailureOf(o => o.Tenants[0].Agents[0].Queues.Add("billing")));
    }

    [Fact]
    public void A_skill_level_outside_1_to_10_is_refused()
    {
        Assert.Contains("agent 'bob' skill 'english' level 11 is outside 1-10", FailureOf(o => o.Tenants[0].Agents[1].Skills["english"] = 11));
    }

    [Fact]
    public void A_short_sip_password_is_refused()
    {
        Assert.Contains("agent 'alice' needs a SIP Password of at least 8 characters", FailureOf(o => o.Tenants[0].Agents[0].Password = "short"));
    }

    [Fact]
    public void A_duplicate_extension_is_refused()
    {
        Assert.Contains("extension '1001' must be a unique token", FailureOf(o => o.Tenants[0].Agents[1].Extension = "1001"));
    }

    [Fact]
    public void An_unknown_role_and_an_agent_user_without_agent_are_refused()
    {
        var message = FailureOf(o =>
        {
            o.Tenants[0].Users[2].Roles.Add("root");
            o.Tenants[0].Users[0].Agent = null;
        });
        Assert.Contains("user 'sam' has unknown role 'root'", message);
        Assert.Contains("user 'alice' has the role 'agent' but no Agent", message);
    }

    [Fact]
    public void A_missing_flow_file_is_refused_with_its_path()
    {
        Assert.Contains("IVR flow 'main' file", FailureOf(o => o.Tenants[0].IvrFlows["main"] = "Flows/absent.json"));
    }

    [Fact]
    public void An_invalid_flow_is_refused_with_the_loader_message()
    {
        var message = FailureOf(o =>
        {
            o.Tenants[0].IvrFlows["broken"] = "Flows/broken.json";
        });
        Assert.Contains("IVR flow 'broken' (Flows/broken.json) is invalid", message);
        Assert.Contains("ghost", message);
    }

    [Fact]
    public void A_number_starting_an_unknown_flow_is_refused()
    {
        Assert.Contains("starts flow 'night', which is not in IvrFlows", FailureOf(o => o.Tenants[0].Numbers.Add(new NumberOptions { Number = "+4930999", Flow = "night" })));
    }

    [Fact]
    public void Postgres_without_connection_string_is_refused()
    {
        Assert.Contains("PostgresConnectionString is required", FailureOf(o => o.Storage.Provider = StorageProvider.Postgres));
    }

    [Fact]
    public void A_sip_endpoint_without_port_is_refused()
    {
        Assert.Contains("Listen '127.0.0.1' is not an address with a port", FailureOf(o => o.Sip.Listen = "127.0.0.1"));
    }

    [Fact]
    public void An_unknown_address_tenant_and_digest_algorithm_are_refused()
    {
        var message = FailureOf(o =>
        {
            o.Sip.AddressTenant = "initech";
            o.Sip.DigestAlgorithms.Add("SHA-1");
        });
        Assert.Contains("AddressTenant 'initech' is not a defined tenant", message);
        Assert.Contains("unknown algorithm 'SHA-1'", message);
    }

    [Fact]
    public void Bad_business_hours_are_refused()
    {
        var message = FailureOf(o =>
        {
            o.Tenants[0].BusinessHours[0].Weekly["Funday"] = ["09:00-18:00"];
        });
        Assert.Contains("'Funday' is not a day of the week", message);
        Assert.Contains("unknown (use an IANA id", FailureOf(o => o.Tenants[0].BusinessHours[0].TimeZone = "Mars/Olympus"));
        Assert.Contains("are not HH:mm-HH:mm", FailureOf(o => o.Tenants[0].BusinessHours[0].Weekly["Monday"] = ["9-18"]));
    }

    [Fact]
    public void A_trunk_of_an_unknown_tenant_with_a_bad_port_is_refused()
    {
        var message = FailureOf(o => o.Trunks.Add(new TrunkOptions { Id = "carrier", Tenant = "initech", Host = "127.0.0.1", Port = 70000 }));
        Assert.Contains("Trunks[0] 'carrier': Tenant 'initech' is not defined", message);
        Assert.Contains("Port 70000 is outside 1-65535", message);
    }

    [Fact]
    public async Task A_host_with_bad_options_does_not_start_and_lists_every_problem()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => TestCenter.StartAsync(o =>
        {
            o.Tenants[0].Agents[0].Queues.Add("billing");
            o.Tenants[1].Users[0].Password = "x";
        }));
        Assert.Contains("agent 'alice' serves unknown queue 'billing'", e.Message);
        Assert.Contains("Tenants[1] 'globex': user 'alice' needs a Password of at least 8 characters", e.Message);
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CallCenter:Sip:Listen"] = "127.0.0.1:5070",
            ["CallCenter:Sip:Tcp"] = "false",
            ["CallCenter:Tenants:0:Id"] = "acme",
            ["CallCenter:Tenants:0:Queues:0:Id"] = "support",
            ["CallCenter:Tenants:0:Queues:0:Strategy"] = "RingAll",
            ["CallCenter:Tenants:0:Queues:0:ServiceLevelThresholdSeconds"] = "30",
            ["CallCenter:Tenants:0:Agents:0:Id"] = "alice",
            ["CallCenter:Tenants:0:Agents:0:Skills:french"] = "8",
            ["CallCenter:Tenants:0:BusinessHours:0:Weekly:Monday:0"] = "09:00-17:00",
        }).Build();
        var o = new CallCenterOptions();
        configuration.GetSection(CallCenterOptions.SectionName).Bind(o);
        Assert.Equal("127.0.0.1:5070", o.Sip.Listen);
        Assert.False(o.Sip.Tcp);
        Assert.Equal(CallCenterSdk.Acd.RoutingStrategyKind.RingAll, o.Tenants[0].Queues[0].Strategy);
        Assert.Equal(30, o.Tenants[0].Queues[0].ServiceLevelThresholdSeconds);
        Assert.Equal(8, o.Tenants[0].Agents[0].Skills["french"]);
        Assert.Equal(["09:00-17:00"], o.Tenants[0].BusinessHours[0].Weekly["Monday"]);
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
