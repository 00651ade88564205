namespace HepBot.Core.Exercises;

public enum BodyRegion
{
    Knee,
    Hip,
    AnkleFoot,
    LumbarSpine,
    Neck,
    Shoulder,
    ElbowWrist,
    Balance,
    General,
}
