namespace HepBot.Core.Safety;

/// <summary>
/// Warning signs that end a session at once with advice to seek urgent care and an urgent alert.
/// The order is the order the questions are asked in.
/// </summary>
public enum RedFlag
{
    ChestJawOrArmPain,
    SevereBreathlessness,
    DizzinessOrFainting,
    SuddenCalfSwelling,
    JointGivingWay,
    NewNumbnessOrWeakness,
}
