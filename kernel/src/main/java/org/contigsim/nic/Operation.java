package org.contigsim.nic;

/**
 * The RDMA operation a queue pair (QP) repeats. The requester is the side that posts the work
 * request; the responder is the other side.
 *
 * <ul>
 *   <li>{@code READ}: the responder's NIC reads its buffer (the remote one) and sends the data
 *       back; the requester's NIC writes it into the local buffer. At most {@code read-window}
 *       READs ({@code max_qp_rd_atom}) are outstanding per QP, so a READ stream is bound by its
 *       round trip when messages are small.
 *   <li>{@code WRITE}: the requester's NIC reads the local buffer and sends it; the responder's
 *       NIC writes it into the remote buffer. WRITEs are posted: up to the send queue depth are in
 *       flight.
 * </ul>
 */
public enum Operation {
    READ,
    WRITE
}
