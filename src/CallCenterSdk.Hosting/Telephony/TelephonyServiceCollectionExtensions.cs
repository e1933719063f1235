using CallCenterSdk.Hosting.Calls;
using CallCenterSdk.Hosting.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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

        // The demo's callers reach the queues at any hour (DemoOptions.OpenAroundTheClock).
        services.AddOptions<CallCenterOptions>().PostConfigure<IOptions<DemoOptions>>((center, demoSettings) =>
        {
            if (demoSettings.Value is { Enabled: true, OpenAroundTheClock: true })
            {
                foreach (var hours in center.Tenants.SelectMany(t => t.BusinessHours))
                {
                    hours.Weekly.Clear();
                    foreach (var day in Enum.GetNames<DayOfWeek>())
                    {
                        hours.Weekly[day] = ["00:00-00:00"]; // equal times: the whole day
                    }

                    hours.Holidays.Clear();
                }
            }
        });

        services.TryAddSingleton<CallCenterTelephony>();
        services.Replace(ServiceDescriptor.Singleton<ICallCenterCalls>(sp => sp.GetRequiredService<CallCenterTelephony>()));
        services.AddHostedService(sp => sp.GetRequiredService<CallCenterTelephony>());
        services.AddHostedService<DemoTraffic>();
        return services;
    }
}
