using System.Text.Json.Serialization;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Api;
using CallCenterSdk.Hosting.Calls;
using CallCenterSdk.Hosting.Crm;
using CallCenterSdk.Hosting.Diagnostics;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Hosting.Realtime;
using CallCenterSdk.Hosting.Security;
using CallCenterSdk.Hosting.Sip;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace CallCenterSdk.Hosting;

/// <summary>Registers a whole call center on a Generic Host: <c>services.AddCallCenter(configuration)</c>.</summary>
public static class CallCenterServiceCollectionExtensions
{
    /// <summary>
    /// Adds the call center with options bound from the <c>CallCenter</c> section of <paramref name="configuration"/>
    /// and validated when the host starts (a bad configuration stops the start with every problem listed).
    /// </summary>
    public static IServiceCollection AddCallCenter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CallCenterOptions>().Bind(configuration.GetSection(CallCenterOptions.SectionName)).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Adds the call center with options set in code, validated when the host starts.</summary>
    public static IServiceCollection AddCallCenter(this IServiceCollection services, Action<CallCenterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<CallCenterOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Subscribes an OpenTelemetry meter provider to the call center's and the SIP stack's meters.</summary>
    public static MeterProviderBuilder AddCallCenterInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(CallCenterMetrics.MeterName, "CallCenterSdk.Sip");
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallCenterOptions>, CallCenterOptionsValidator>());

        // Order matters: the store opens, then SIP listens; /health turns healthy when both are done.
        services.TryAddSingleton<CrmStoreHost>();
        services.AddHostedService(sp => sp.GetRequiredService<CrmStoreHost>());
        services.TryAddSingleton<SipServer>();
        services.AddHostedService(sp => sp.GetRequiredService<SipServer>());
        services.TryAddSingleton<CallCenterAcd>();
        services.TryAddSingleton<ICallCenterCalls, NoCallControl>();
        services.TryAddSingleton<ViewBuilder>();
        services.TryAddSingleton<UserDirectory>();
        services.TryAddSingleton<RealtimeEventPump>();
        services.TryAddSingleton<ICallEventPublisher>(sp => sp.GetRequiredService<RealtimeEventPump>());
        services.AddHostedService(sp => sp.GetRequiredService<RealtimeEventPump>());

        services.AddMetrics();
        services.TryAddSingleton<CallCenterMetrics>();
        services.AddHostedService<MetricsActivation>();
        services.AddOpenTelemetry().WithMetrics(m => m.AddCallCenterInstrumentation());

        services.AddHealthChecks().AddCheck<CallCenterHealthCheck>("callcenter");
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddDataProtection();
        services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme).AddBearerToken(BearerTokenDefaults.AuthenticationScheme, _ => { });
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme).Configure<IOptions<CallCenterOptions>>((o, cc) =>
        {
            o.BearerTokenExpiration = TimeSpan.FromMinutes(cc.Value.Auth.TokenLifetimeMinutes);
            o.Events = new BearerTokenEvents
            {
                // Browsers cannot set headers on WebSocket/SSE requests: SignalR sends the token in the query.
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments(CallCenterEndpointRouteBuilderExtensions.HubPath)
                        && context.Request.Query["access_token"] is { Count: 1 } token)
                    {
                        context.Token = token.ToString();
                    }

                    return Task.CompletedTask;
                },
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(CallCenterPolicies.Agent, p => p.RequireRole(CallCenterRoles.Agent).RequireClaim(CallCenterClaims.Agent))
            .AddPolicy(CallCenterPolicies.Supervisor, p => p.RequireRole(CallCenterRoles.Supervisor, CallCenterRoles.Admin))
            .AddPolicy(CallCenterPolicies.Admin, p => p.RequireRole(CallCenterRoles.Admin));
        return services;
    }

    /// <summary>Creates the metrics instruments at start so counting begins with the first event.</summary>
    private sealed class MetricsActivation(CallCenterMetrics metrics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(metrics);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
