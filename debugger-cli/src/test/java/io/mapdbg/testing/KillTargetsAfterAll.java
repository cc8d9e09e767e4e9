package io.mapdbg.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** {@code @ExtendWith(KillTargetsAfterAll.class)}: no TargetJvm outlives its test class, even when a test forgot close(). */
public final class KillTargetsAfterAll implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        TargetJvm.killAll();
    }
}
