package dev.skiff.fake.faults;

/**
 * One fault installed with {@link Faults}: a handle to see whether it is used up and to take it away early.
 */
public interface FaultRule {

  /**
   * How many matching requests the rule will still affect.
   *
   * @return the remaining count; {@link Integer#MAX_VALUE} for a rule without limit, 0 once used up or removed
   */
  int remaining();

  /** Takes the rule away: requests arriving from now on are served normally. Idempotent. */
  void remove();
}
