using HepBot.Data;
using HepBot.Data.Accounts;
using HepBot.Host.Authentication;
using HepBot.Host.WebApp.Accounts;
using HepBot.Host.WebApp.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HepBot.Host.WebApp;

/// <summary>
/// The therapists' web app under /app: Blazor static server rendering (enhanced navigation and forms),
/// signed in with ASP.NET Core Identity on the HepBot database. The API keeps its own scheme (API keys);
/// both end in the same claims, so the same <see cref="ApiCaller"/> and access rules apply.
/// </summary>
internal static class WebAppHosting
{
    public const string BasePath = "/app";
    public const string Policy = "WebApp";

    public static void AddWebApp(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Secure-only cookies everywhere but in Development, where `dotnet run` serves plain http://localhost.
        var cookieSecurity = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddOptions<WebAppOptions>().Bind(builder.Configuration.GetSection(WebAppOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();

        // Keys in the database: every host of a cluster and the admin verbs (which print set-password
        // links) protect and read cookies and tokens with the same key ring.
        services.AddDataProtection().SetApplicationName("HepBot").PersistKeysToDbContext<HepBotDbContext>();

        services.AddIdentityCore<TherapistAccount>()
            .AddEntityFrameworkStores<HepBotDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<TherapistClaimsFactory>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<WebAppOptions>>((identity, web) =>
        {
            var o = web.Value;
            IdentitySchema.Configure(identity);
            identity.User.RequireUniqueEmail = true;
            // "Confirmed" means "not deactivated" here (ActiveTherapistConfirmation); e-mail confirmation is not used.
            identity.SignIn.RequireConfirmedAccount = true;
            identity.Password.RequiredLength = o.MinPasswordLength;
            identity.Password.RequireDigit = false;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Password.RequiredUniqueChars = 4;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = o.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(o.LockoutMinutes);
        });
        // Passkeys belong to the address therapists use (WebApp:PublicUrl): its host is the relying party, and a
        // passkey made or used from any other origin (another host, port or scheme, or a cross-origin frame) is refused.
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<WebAppOptions>>((passkeys, web) =>
        {
            var origin = web.Value.PublicOrigin;
            passkeys.ServerDomain = web.Value.PublicBase.Host;
            passkeys.ValidateOrigin = context =>
                ValueTask.FromResult(!context.CrossOrigin && string.Equals(context.Origin, origin, StringComparison.OrdinalIgnoreCase));
        });
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IOptions<WebAppOptions>>((tokens, web) =>
            tokens.TokenLifespan = TimeSpan.FromDays(web.Value.SetPasswordLinkDays));

        services.AddAuthentication().AddIdentityCookies();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<WebAppOptions>>((cookie, web) =>
            {
                cookie.Cookie.Name = "HepBot.App";
                cookie.Cookie.Path = BasePath;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = cookieSecurity;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(web.Value.SessionMinutes);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = BasePath + "/sign-in";
                cookie.LogoutPath = BasePath + "/sign-out";
                cookie.AccessDeniedPath = BasePath + "/sign-in";
                var identityCheck = cookie.Events.OnValidatePrincipal;
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    await identityCheck(context);
                    await ActiveTherapistCheck.ValidateAsync(context);
                };
            });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "HepBot.Antiforgery";
            o.Cookie.SecurePolicy = cookieSecurity;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiCaller.TherapistIdClaim));

        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddRazorComponents();
        services.AddScoped<WebText>();
        services.AddScoped<SetPasswordLinks>();
        services.AddScoped<IUserConfirmation<TherapistAccount>, ActiveTherapistConfirmation>();
        services.AddScoped<Workspace.TodayQuery>();
        services.AddScoped<Workspace.PatientsQuery>();
        services.AddScoped<Workspace.PatientRecordQuery>();
        services.AddScoped<Workspace.PatientEdits>();
        services.AddScoped<Workspace.ProgramEditing>();
        services.AddScoped<Workspace.ProgramHistoryQuery>();
        services.AddScoped<Workspace.ClinicAdministration>();
    }

    /// <summary>Between authorization and the endpoints: the app's headers, anti-forgery, its 404 page.</summary>
    public static void UseWebApp(this WebApplication app)
    {
        // Outside Development its cookies and anti-forgery tokens are https-only, so a page served on plain http
        // could not sign anyone in: the browser is sent to the same address on https (the clinic's TLS proxy).
        if (!app.Environment.IsDevelopment())
            app.UseWhen(context => IsWebApp(context) && !context.Request.IsHttps, branch => branch.Run(context =>
            {
                var request = context.Request;
                context.Response.Redirect(Microsoft.AspNetCore.Http.Extensions.UriHelper.BuildAbsolute(
                    "https", request.Host, request.PathBase, request.Path, request.QueryString), permanent: false, preserveMethod: true);
                return Task.CompletedTask;
            }));
        app.UseWhen(IsWebApp, branch =>
        {
            branch.UseWebAppSecurityHeaders();
            branch.UseStatusCodePagesWithReExecute(BasePath + "/not-found", createScopeForStatusCodePages: true);
        });
        app.UseAntiforgery();
    }

    public static void MapWebApp(this WebApplication app)
    {
        app.MapStaticAssets();
        // Every page needs a signed-in therapist unless it says [AllowAnonymous] (sign-in, set password, not found).
        app.MapRazorComponents<App>().RequireAuthorization(Policy);
        Invitations.InvitationHandoutEndpoints.MapInvitationHandout(app);
        app.MapWebAppExports();
        app.MapPasskeyEndpoints();
        app.MapPost(BasePath + "/sign-out", async ([FromForm] string? returnUrl, SignInManager<TherapistAccount> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(BasePath + "/sign-in");
        }).RequireAuthorization(Policy).ExcludeFromDescription();
        // The therapist's own language for the app (and their chat texts); the sign-in is renewed so the new claim applies at once.
        app.MapPost(BasePath + "/language", async ([FromForm] string? locale, [FromForm] string? returnUrl, HttpContext http, HepBotDbContext db,
            SignInManager<TherapistAccount> signIn, Microsoft.Extensions.Options.IOptions<Configuration.LocalizationOptions> localization) =>
        {
            var caller = ApiCaller.From(http.User)!;
            if (locale is not null && localization.Value.Supports(locale))
            {
                var therapist = await db.Therapists.SingleAsync(t => t.Id == caller.TherapistId, http.RequestAborted);
                therapist.Locale = locale.ToLowerInvariant();
                await db.SaveChangesAsync(http.RequestAborted);
                if (await signIn.UserManager.FindByIdAsync(caller.TherapistId.ToString()) is { } account)
                    await signIn.RefreshSignInAsync(account);
            }
            return TypedResults.LocalRedirect(WebAppPaths.LocalOrHome(returnUrl));
        }).RequireAuthorization(Policy).ExcludeFromDescription();
    }

    private static bool IsWebApp(HttpContext context) => context.Request.Path.StartsWithSegments(BasePath);
}
