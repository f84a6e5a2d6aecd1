package io.kvconnector.stats.internal;

/**
 * Base class whose only fields keep a subclass's own fields 128 bytes away from the
 * object allocated just before it, so that objects written by different recording threads
 * at once never share a cache line (or the pair of lines that the hardware prefetches
 * together). A superclass's fields always come first in an object, which fields of one
 * class alone cannot promise. JDK classes do this with their internal {@code @Contended}.
 *
 * @author kvconnector-stats
 */
@SuppressWarnings("unused")
public abstract class CacheLinePadding {

	// fills the gap after a compressed object header, so no subclass field goes there
	private int header;

	private long p00;

	private long p01;

	private long p02;

	private long p03;

	private long p04;

	private long p05;

	private long p06;

	private long p07;

	private long p08;

	private long p09;

	private long p10;

	private long p11;

	private long p12;

	private long p13;

	private long p14;

	private long p15;

	/**
	 * Create the padding.
	 */
	protected CacheLinePadding() {
	}

}
