package io.mapdbg.examples.payment;

/**
 * An order's id. The bug from the incident: {@link #hashCode()} hashes the merchant only, so all
 * orders of one merchant land in one bin (a tree bin for a big merchant, long chains for the rest).
 * Comparable, so those tree bins stay ordered and lookups stay O(log n) rather than a linear scan.
 */
public record OrderKey(String merchant, long orderNo) implements Comparable<OrderKey> {
    @Override
    public int hashCode() {
        return merchant.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderKey k && k.orderNo == orderNo && k.merchant.equals(merchant);
    }

    @Override
    public int compareTo(OrderKey other) {
        int byMerchant = merchant.compareTo(other.merchant);
        return byMerchant != 0 ? byMerchant : Long.compare(orderNo, other.orderNo);
    }

    @Override
    public String toString() {
        return merchant + "#" + orderNo;
    }
}
