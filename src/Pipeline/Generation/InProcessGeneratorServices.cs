namespace Akka.Ingest.Pipeline.Generation;

public static class InProcessGeneratorServices
{
    /// <summary>
    /// Registers the in-process generator; it does nothing unless <c>Generator:Events</c> (<c>--generate</c>) is set.
    /// Register it after the pipeline's own service, so it starts once the pipeline runs and stops before it drains.
    /// </summary>
    public static IServiceCollection AddInProcessGenerator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GeneratorOptions>()
            .Bind(configuration.GetSection(GeneratorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<GeneratorOptions>, GeneratorOptionsValidator>();
        services.AddSingleton<InProcessGeneratorService>();
        services.AddHostedService(sp => sp.GetRequiredService<InProcessGeneratorService>());
        return services;
    }
}
