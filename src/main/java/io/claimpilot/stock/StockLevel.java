package io.claimpilot.stock;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Units available for one SKU in the embedded stock table. */
@Entity
@Table(name = "stock_level")
public class StockLevel extends PanacheEntityBase {

    @Id
    public String sku;
    public int available;
    /** The SKU's unit price, for exchanges; null when the shop did not set one. */
    @Column(name = "unit_price")
    public java.math.BigDecimal unitPrice;
    public String currency;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
