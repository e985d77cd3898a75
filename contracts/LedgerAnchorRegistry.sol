// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title LedgerAnchorRegistry
/// @notice Anchors signed checkpoints of RMBT Ledger logs (DESIGN.md, "Chain anchoring").
/// A log is named by logId = SHA-256 of its Ed25519 public key. Only the latest anchored
/// (size, root) of each log is stored; every accepted anchor emits `Anchored`, so the event
/// log is the history an auditor checks with nothing but a chain endpoint.
/// @dev Head-only storage keeps a steady-state anchor at two warm-able slots and one event,
/// whatever the number of entries the checkpoint covers.
contract LedgerAnchorRegistry {
    /// Packed into one slot with `registered`/`frozen` so the usual anchor writes two slots.
    struct Head {
        uint64 treeSize;
        uint64 blockNumber;
        bool registered;
        bool frozen;
    }

    /// Who may register logs. The contract cannot check that a registrant holds the log key
    /// (no Ed25519 precompile), so the jurisdiction's operator vouches for the log id.
    address public immutable owner;

    mapping(bytes32 => Head) private heads;
    mapping(bytes32 => bytes32) private roots;
    mapping(bytes32 => mapping(address => bool)) private submitters;

    event LogRegistered(bytes32 indexed logId, address[] submitters);
    event SubmitterChanged(bytes32 indexed logId, address indexed submitter, bool authorised);
    event Anchored(bytes32 indexed logId, uint64 indexed treeSize, bytes32 root, bytes32 checkpointHash);
    /// Two roots for one size: evidence that the log signed a fork. The log id stays frozen.
    event Equivocation(
        bytes32 indexed logId,
        uint64 indexed treeSize,
        bytes32 anchoredRoot,
        bytes32 conflictingRoot,
        bytes32 checkpointHash,
        address submitter
    );

    error NotOwner(address caller);
    error NoSubmitters();
    error LogAlreadyRegistered(bytes32 logId);
    error LogNotRegistered(bytes32 logId);
    error NotSubmitter(bytes32 logId, address caller);
    error LogIsFrozen(bytes32 logId);
    error SizeNotIncreasing(bytes32 logId, uint64 headSize, uint64 treeSize);

    constructor() {
        owner = msg.sender;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    function registerLog(bytes32 logId, address[] calldata initialSubmitters) external onlyOwner {
        if (heads[logId].registered) revert LogAlreadyRegistered(logId);
        if (initialSubmitters.length == 0) revert NoSubmitters();
        heads[logId].registered = true;
        for (uint256 i = 0; i < initialSubmitters.length; i++) {
            submitters[logId][initialSubmitters[i]] = true;
        }
        emit LogRegistered(logId, initialSubmitters);
    }

    /// Rotating a node's chain key without re-registering the log (which would lose its head).
    function setSubmitter(bytes32 logId, address submitter, bool authorised) external onlyOwner {
        if (!heads[logId].registered) revert LogNotRegistered(logId);
        submitters[logId][submitter] = authorised;
        emit SubmitterChanged(logId, submitter, authorised);
    }

    /// Anchors (treeSize, root). Sizes strictly increase; resending the head is a no-op so a
    /// node that lost a receipt can retry safely; another root at the head size freezes the log.
    function anchor(bytes32 logId, uint64 treeSize, bytes32 root, bytes32 checkpointHash) external {
        Head memory h = heads[logId];
        if (!h.registered) revert LogNotRegistered(logId);
        if (!submitters[logId][msg.sender]) revert NotSubmitter(logId, msg.sender);
        if (h.frozen) revert LogIsFrozen(logId);
        if (treeSize == h.treeSize && h.treeSize != 0) {
            bytes32 anchoredRoot = roots[logId];
            if (anchoredRoot == root) return;
            // Not a revert: the evidence and the freeze must persist.
            heads[logId].frozen = true;
            emit Equivocation(logId, treeSize, anchoredRoot, root, checkpointHash, msg.sender);
            return;
        }
        if (treeSize <= h.treeSize) revert SizeNotIncreasing(logId, h.treeSize, treeSize);
        heads[logId] = Head(treeSize, uint64(block.number), true, false);
        roots[logId] = root;
        emit Anchored(logId, treeSize, root, checkpointHash);
    }

    /// The latest anchor: size 0 and a zero root until the first one.
    function head(bytes32 logId)
        external
        view
        returns (uint64 treeSize, bytes32 root, uint64 blockNumber, bool frozen)
    {
        Head memory h = heads[logId];
        if (!h.registered) revert LogNotRegistered(logId);
        return (h.treeSize, roots[logId], h.blockNumber, h.frozen);
    }

    function isRegistered(bytes32 logId) external view returns (bool) {
        return heads[logId].registered;
    }

    function isSubmitter(bytes32 logId, address account) external view returns (bool) {
        return submitters[logId][account];
    }
}
