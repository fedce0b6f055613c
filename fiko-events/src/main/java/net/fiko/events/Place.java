package net.fiko.events;

/**
 * Where a shared location points: its coordinates in degrees, and for a place the platform names (a venue) its
 * {@code title} and {@code address} (each absent otherwise). An additive field of the contract's version 1.
 */
public record Place(double latitude, double longitude, String title, String address) {

    /** Whether the coordinates are on Earth: a platform's other figures are not shown as a place. */
    public boolean valid() {
        return Double.isFinite(latitude)
                && Double.isFinite(longitude)
                && Math.abs(latitude) <= 90
                && Math.abs(longitude) <= 180;
    }
}
