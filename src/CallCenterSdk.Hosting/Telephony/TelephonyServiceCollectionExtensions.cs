using CallCenterSdk.Hosting.Calls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CallCenterSdk.Hosting.Telephony;

/// <summary>Registers the center's call handling (and the demo traffic) on top of <c>AddCallCenter</c>.</summary>
public static class TelephonyServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CallCenterTelephony"/> as the <see cref="ICallCenterCalls"/> implementation and a hosted
    /// service started after the SIP server, with options from <c>CallCenter:Telephony</c> and <c>CallCenter:Demo</c>.
    /// </summary>
    public static IServiceCollection AddCallCenterTelephony(this IServiceCollection services, IConfiguration? configuration = null, Action<TelephonyOptions>? configure = null, Action<DemoOptions>? demo = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var telephony = services.AddOptions<TelephonyOptions>();
        var demoOptions = services.AddOptions<DemoOptions>();
        if (configuration is not null)
        {
            telephony.Bind(configuration.GetSection(TelephonyOptions.SectionName));
            demoOptions.Bind(configuration.GetSection(DemoOptions.SectionName));
        }

        if (configure is not null)
        {
            telephony.Configure(configure);
        }

        if (demo is not null)
        {
            demoOptions.Configure(demo);
        }

        services.TryAddSingleton<CallCenterTelephony>();
        services.Replace(ServiceDescriptor.Singleton<ICallCenterCalls>(sp => sp.GetRequiredService<CallCenterTelephony>()));
        services.AddHostedService(sp => sp.GetRequiredService<CallCenterTelephony>());
        services.AddHostedService<DemoTraffic>();
        return services;
    }
}
