import bad
import good
