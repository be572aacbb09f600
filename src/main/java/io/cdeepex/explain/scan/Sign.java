package io.cdeepex.explain.scan;

/** Whether a finding is something the explanations add (red) or remove (blue) to become the probe class. */
public enum Sign { ADDED, REMOVED }
