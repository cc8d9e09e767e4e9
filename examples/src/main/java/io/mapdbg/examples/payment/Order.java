package io.mapdbg.examples.payment;

import java.math.BigDecimal;

/** An order as the payment service keeps it. */
public record Order(OrderKey key, BigDecimal amount, String currency, String status) {
}
