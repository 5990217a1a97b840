package io.claimpilot.outbox;

/**
 * Whether the actions that move money or goods are held (the kill switch). Implemented by the money-safety limits;
 * messages and notes still go out while it is on.
 */
public interface DispatchPause {

    boolean holdsMoneyAndGoods();
}
