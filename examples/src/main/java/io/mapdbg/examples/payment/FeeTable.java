package io.mapdbg.examples.payment;

import java.util.HashMap;

/** Fees in cents by payment method: an application subclass of HashMap, as real code has them. */
public final class FeeTable extends HashMap<String, Long> {
    private static final long serialVersionUID = 1L;

    public long feeFor(String method) {
        return getOrDefault(method, 0L);
    }
}
