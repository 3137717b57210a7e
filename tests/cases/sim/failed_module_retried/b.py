import d
import missing_xyz
