package io.claimpilot.stock;

import java.util.Collection;
import java.util.Map;

/** Where stock levels come from: the embedded table today, a WMS client later. Read when facts are gathered. */
public interface StockSource {

    /** Units available per SKU; a SKU the source does not know has 0. */
    Map<String, Integer> available(Collection<String> skus);
}
