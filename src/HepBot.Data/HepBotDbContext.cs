using HepBot.Core.Alerts;
using HepBot.Core.Audit;
using HepBot.Core.Billing;
using HepBot.Core.Clinics;
using HepBot.Core.Exercises;
using HepBot.Core.Linking;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;
using HepBot.Data.Accounts;
using HepBot.Data.BotState;
using HepBot.Data.Deliveries;
using HepBot.Data.Media;
using HepBot.Data.Outbound;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data;

/// <summary>
/// The HepBot database. One model for every provider; each provider has its own subclass only so
/// that it can own its own migration set (see <see cref="DatabaseProvider"/>). The web app's sign-ins
/// (Identity's user tables, no roles: a therapist's role is on <see cref="Therapist"/>) and the data
/// protection keys that sign its cookies and set-password links live here too, so every host and the
/// admin verbs share them.
/// </summary>
public abstract class HepBotDbContext(DbContextOptions options)
    : IdentityUserContext<TherapistAccount, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Clinic> Clinics => Set<Clinic>();
    public DbSet<Therapist> Therapists => Set<Therapist>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<PatientMessage> PatientMessages => Set<PatientMessage>();
    public DbSet<Exercise> Exercises => Set<Exercise>();
    public DbSet<Prescription> Prescriptions => Set<Prescription>();
    public DbSet<PrescriptionItem> PrescriptionItems => Set<PrescriptionItem>();
    public DbSet<ProgramTemplate> ProgramTemplates => Set<ProgramTemplate>();
    public DbSet<ProgramTemplateItem> ProgramTemplateItems => Set<ProgramTemplateItem>();
    public DbSet<SessionLog> SessionLogs => Set<SessionLog>();
    public DbSet<ExerciseLog> ExerciseLogs => Set<ExerciseLog>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ChannelAccount> ChannelAccounts => Set<ChannelAccount>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<BotStateEntry> BotState => Set<BotStateEntry>();
    public DbSet<SeenDelivery> SeenDeliveries => Set<SeenDelivery>();
    public DbSet<TelegramMediaFile> TelegramMediaFiles => Set<TelegramMediaFile>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<TreatmentMinutes> TreatmentMinutes => Set<TreatmentMinutes>();
    public DbSet<OutboundMessage> OutboundMessages => Set<OutboundMessage>();
    public DbSet<SenderLease> SenderLeases => Set<SenderLease>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CountPatientChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CountPatientChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    // Every path that changes a patient (API, chat, jobs) raises the version, so an ETag taken before is stale.
    private void CountPatientChanges()
    {
        foreach (var entry in ChangeTracker.Entries<Patient>())
        {
            if (entry.State == EntityState.Modified)
                entry.Entity.Version = entry.Property(p => p.Version).OriginalValue + 1;
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Identity builds its tables for the schema version in the application's IdentityOptions; without
        // HepBot's (IdentitySchema) it would quietly build version 1, without passkeys, unlike the migrations.
        base.OnModelCreating(modelBuilder);
        if (modelBuilder.Model.FindEntityType(typeof(IdentityUserPasskey<Guid>)) is null)
            throw new InvalidOperationException(
                $"The HepBot model needs Identity schema {IdentitySchema.Version}: build its options with UseHepBotProvider (IdentitySchema).");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HepBotDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, and safe when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
