"""A test module: affected marks it."""
import top


def test_top():
    assert top.cart.total() == 3
